using System;
using System.IO;

namespace PromoOnly.Downloads;

/// <summary>Writing the file failed locally (disk full, permissions, a link refused): not the server's fault, not worth another mirror.</summary>
internal sealed class DownloadWriteException : IOException
{
    public DownloadWriteException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
