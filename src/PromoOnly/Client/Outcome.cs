using System;
using System.Collections.Generic;

namespace PromoOnly.Client;

/// <summary>
/// What one input (a track id, a release id) came to: its value, or the failure that stopped it, and
/// the problems to report beside either (a host that failed validation, a success signal that did not
/// get through). Failures travel as values, so one input cannot end the pipeline for the others.
/// </summary>
internal sealed record Outcome<T>(long Id, T? Value, PoolApiException? Failure, IReadOnlyList<PoolApiException> Problems)
    where T : class
{
    public static Outcome<T> Found(long id, T value, IReadOnlyList<PoolApiException>? problems = null) =>
        new(id, value, null, problems ?? Array.Empty<PoolApiException>());

    public static Outcome<T> Failed(long id, PoolApiException failure, IReadOnlyList<PoolApiException>? problems = null) =>
        new(id, null, failure, problems ?? Array.Empty<PoolApiException>());
}
