using System;
using System.IO;

namespace PromoOnly.Downloads;

/// <summary>Writing the file failed locally (disk full, permissions, a link refused): not the server's fault, not worth another mirror.</summary>
internal sealed class DownloadWriteException : IOException
{
    public DownloadWriteException(string message, Exception inner, bool outOfRoom = false)
        : base(message, inner)
    {
        OutOfRoom = outOfRoom || NoRoom.Is(inner);
    }

    /// <summary>The disk is full, or a quota or file-size limit was reached: the .partial only holds space the user needs back.</summary>
    public bool OutOfRoom { get; }
}
