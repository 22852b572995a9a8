using PromoOnly.Client;

namespace PromoOnly.Catalogue;

/// <summary>The answer for one input id, or why there is none. Failures travel as values so one id cannot end the others.</summary>
internal sealed class IdOutcome<T>
    where T : class
{
    private IdOutcome(long id, T? value, PoolApiException? failure)
    {
        Id = id;
        Value = value;
        Failure = failure;
    }

    public long Id { get; }

    public T? Value { get; }

    public PoolApiException? Failure { get; }

    public static IdOutcome<T> Found(long id, T value) => new(id, value, null);

    public static IdOutcome<T> Failed(long id, PoolApiException failure) => new(id, null, failure);
}
