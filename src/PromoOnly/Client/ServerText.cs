using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PromoOnly.Client;

/// <summary>
/// The one way untrusted text (bodies, reason phrases, .NET's exception messages, which quote
/// header names and host names) reaches an error, a Verbose line or a formatted object. A hostile
/// server must not be able to recolour or clear the terminal (ESC sequences), reorder what the user
/// reads (bidi overrides), hide text (zero-width characters), forge extra log lines, flood the
/// screen, or get a secret of the session quoted back by echoing it.
/// </summary>
internal static class ServerText
{
    /// <summary>How much of a server's text an error quotes; bodies can be megabytes of HTML.</summary>
    public const int MaxQuotedLength = 300;

    // Cleaned text kept before masking, so a secret that straddles the cut is still found whole.
    private const int MaskingSlack = 4096 + 64;

    private static readonly List<WeakReference<SecureString>> Secrets = new();

    /// <summary>
    /// Masks <paramref name="secrets"/> in everything this class cleans from now on, for as long as
    /// each one lives (a disposed or collected secret is forgotten). Only a weak reference is kept:
    /// the plain text exists only while a text is being masked, in a buffer wiped afterwards.
    /// </summary>
    public static void Conceal(params SecureString?[] secrets)
    {
        lock (Secrets)
        {
            foreach (SecureString? secret in secrets)
            {
                // The same secret may be offered at connect and again as the session's token.
                if (secret is not null && secret.Length > 0 && !Secrets.Exists(known => known.TryGetTarget(out SecureString? k) && ReferenceEquals(k, secret)))
                {
                    Secrets.Add(new WeakReference<SecureString>(secret));
                }
            }
        }
    }

    /// <summary>Cleaned, masked and capped at <see cref="MaxQuotedLength"/> characters (marked with … when cut).</summary>
    public static string Excerpt(string? text)
    {
        string cleaned = Mask(Clean(text, MaxQuotedLength + MaskingSlack));
        return cleaned.Length <= MaxQuotedLength ? cleaned : cleaned.Substring(0, MaxQuotedLength).TrimEnd() + "…";
    }

    /// <summary>The root cause ("Connection refused"), which says more than the wrappers around it, cleaned.</summary>
    public static string Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return Excerpt(exception.Message);
    }

    /// <summary>The <c>result</c> text of a POOL API message object, cleaned; null when it has none.</summary>
    public static string? FromObject(JObject obj) =>
        StrictJson.StringOf(obj, "result") is { } result ? Excerpt(result) : null;

    /// <summary>What a failed answer says: its <c>result</c> text if it is a message object, else an excerpt of the body.</summary>
    public static string? FromBody(string body)
    {
        if (body.Trim().Length == 0)
        {
            return null;
        }

        return StrictJson.TryParseObject(body) is { } obj && FromObject(obj) is { } said ? said : Excerpt(body);
    }

    /// <summary>
    /// One line of at most <paramref name="limit"/> characters: whitespace and C0/C1 controls fold into
    /// single spaces, format characters (bidi embeddings, overrides and isolates, zero-width characters,
    /// BOMs) are dropped, and lone surrogates become U+FFFD.
    /// </summary>
    internal static string Clean(string? text, int limit)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(text!.Length, limit));
        bool lastWasSpace = true;
        for (int i = 0; i < text.Length && builder.Length < limit; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            if (IsInvisible(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }

            lastWasSpace = false;
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>Bidi controls (U+061C, U+200E/F, U+202A–202E, U+2066–2069), zero-width characters and the BOM.</summary>
    private static bool IsInvisible(char c) =>
        c is '\u061C' or '\u180E' or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E')
            or (>= '\u2060' and <= '\u2069') or '\uFEFF';

    private static string Mask(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        lock (Secrets)
        {
            for (int i = Secrets.Count - 1; i >= 0; i--)
            {
                if (!Secrets[i].TryGetTarget(out SecureString? secret) || !TryMask(ref text, secret))
                {
                    Secrets.RemoveAt(i);
                }
            }
        }

        return text;
    }

    /// <summary>Replaces every occurrence of the secret with a marker; false once the secret is disposed.</summary>
    private static bool TryMask(ref string text, SecureString secret)
    {
        IntPtr unmanaged = IntPtr.Zero;
        char[]? plain = null;
        try
        {
            unmanaged = Marshal.SecureStringToGlobalAllocUnicode(secret);
            plain = new char[secret.Length];
            Marshal.Copy(unmanaged, plain, 0, plain.Length);
            text = Replace(text, plain);
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (plain is not null)
            {
                Array.Clear(plain, 0, plain.Length);
            }

            if (unmanaged != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            }
        }
    }

    private static string Replace(string text, char[] secret)
    {
        if (secret.Length == 0 || secret.Length > text.Length)
        {
            return text;
        }

        StringBuilder? masked = null;
        int copied = 0;
        for (int i = 0; i + secret.Length <= text.Length; i++)
        {
            if (Matches(text, i, secret))
            {
                masked ??= new StringBuilder(text.Length);
                masked.Append(text, copied, i - copied).Append("[secret]");
                i += secret.Length - 1;
                copied = i + 1;
            }
        }

        return masked is null ? text : masked.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool Matches(string text, int start, char[] secret)
    {
        for (int j = 0; j < secret.Length; j++)
        {
            if (text[start + j] != secret[j])
            {
                return false;
            }
        }

        return true;
    }
}
