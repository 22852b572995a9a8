using System;

namespace PromoOnly.Client;

internal static class ExceptionText
{
    /// <summary>The root cause ("Connection refused"), which says more than the wrappers around it.</summary>
    public static string Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception.Message;
    }
}
