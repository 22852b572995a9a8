using System;
using System.Collections.Generic;

namespace PromoOnly;

/// <summary>
/// All of the account's POOL options at once (<c>/user/options</c>): the documented groups typed as
/// their own cmdlets emit them, and every other field the server sends kept in <see cref="Other"/>.
/// </summary>
public sealed class Preference
{
    /// <summary>The charts and whether each is shown (as Get-PromoChart).</summary>
    public Chart[] Charts { get; internal set; } = Array.Empty<Chart>();

    /// <summary>The download formats of the account (as Get-PromoFileFormat).</summary>
    public FileFormat[] DownloadFormats { get; internal set; } = Array.Empty<FileFormat>();

    /// <summary>How downloaded files are named (as Get-PromoFileNaming); empty when the answer had none.</summary>
    public FileNaming? FileNaming { get; internal set; }

    /// <summary>
    /// The fields this module does not know yet, by name: text (cleaned), numbers, booleans, and
    /// nested lists and objects of those, so nothing the server adds is lost.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Other { get; internal set; } = new Dictionary<string, object?>();
}
