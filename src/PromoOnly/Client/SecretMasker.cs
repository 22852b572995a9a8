using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security;

namespace PromoOnly.Client;

/// <summary>
/// One session's secrets, and where any of their spellings (<see cref="SecretForms"/>) occur in a
/// text. Only the <see cref="SecureString"/>s are kept; their plain text exists while a text is
/// being searched, in buffers wiped afterwards. A secret disposed elsewhere is forgotten.
/// </summary>
internal sealed class SecretMasker
{
    /// <summary>
    /// Tokens kept per session. A request sent just before a renewal can be answered after it, so
    /// the last few stay masked; older ones have expired (a token lives five minutes).
    /// </summary>
    public const int TokensKept = 4;

    private readonly object _gate = new();
    private readonly List<Secret> _secrets = new();

    /// <summary>A token, and <c>{userId}:{token}</c> as the Bearer header carries it.</summary>
    public void AddToken(int userId, SecureString token) =>
        Add(new Secret(token, userId.ToString(CultureInfo.InvariantCulture), null, isToken: true));

    /// <summary>An API secret, and <c>{key}:{secret}</c> as the Basic header carries it.</summary>
    public void AddApiCredential(SecureString apiKey, SecureString apiSecret) =>
        Add(new Secret(apiSecret, null, apiKey, isToken: false));

    /// <summary>A secret that travels only as itself or in a form body (a password).</summary>
    public void Add(SecureString secret) => Add(new Secret(secret, null, null, isToken: false));

    public void Remove(SecureString secret)
    {
        lock (_gate)
        {
            _secrets.RemoveAll(known => ReferenceEquals(known.Value, secret));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _secrets.Clear();
        }
    }

    /// <summary>Marks in <paramref name="covered"/> every character of <paramref name="text"/> that belongs to a spelling of a secret.</summary>
    public void Cover(string text, ref bool[]? covered)
    {
        lock (_gate)
        {
            for (int i = _secrets.Count - 1; i >= 0; i--)
            {
                if (!TryCover(text, _secrets[i], ref covered))
                {
                    _secrets.RemoveAt(i);
                }
            }
        }
    }

    private void Add(Secret secret)
    {
        if (secret.Value.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            // The same secret may be offered at connect and again by the credential that keeps it.
            if (_secrets.Exists(known => ReferenceEquals(known.Value, secret.Value)))
            {
                return;
            }

            _secrets.Add(secret);
            if (secret.IsToken && _secrets.FindAll(s => s.IsToken).Count > TokensKept)
            {
                _secrets.RemoveAt(_secrets.FindIndex(s => s.IsToken));
            }
        }
    }

    /// <summary>False once the secret (or the key it pairs with) has been disposed.</summary>
    private static bool TryCover(string text, Secret secret, ref bool[]? covered)
    {
        char[]? plain = null;
        char[]? key = null;
        char[]? pair = null;
        try
        {
            plain = Expose(secret.Value);
            key = secret.PairKey is { } pairKey ? Expose(pairKey) : secret.PairPrefix?.ToCharArray();
            if (key is not null)
            {
                pair = new char[key.Length + 1 + plain.Length];
                key.CopyTo(pair, 0);
                pair[key.Length] = ':';
                plain.CopyTo(pair, key.Length + 1);
            }

            bool[]? marks = covered;
            SecretForms.Visit(plain, pair, (spelling, length) => Mark(text, spelling, length, ref marks));
            covered = marks;
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            Wipe(plain);
            Wipe(key);
            Wipe(pair);
        }
    }

    /// <summary>Marks each occurrence of the spelling as cleaning leaves it: quoted text is searched after cleaning.</summary>
    private static void Mark(string text, char[] spelling, int length, ref bool[]? covered)
    {
        length = TerminalText.CleanInPlace(spelling, length);
        if (length == 0 || length > text.Length)
        {
            return;
        }

        for (int i = 0; i + length <= text.Length; i++)
        {
            int j = 0;
            while (j < length && text[i + j] == spelling[j])
            {
                j++;
            }

            if (j == length)
            {
                covered ??= new bool[text.Length];
                for (int k = i; k < i + length; k++)
                {
                    covered[k] = true;
                }
            }
        }
    }

    private static char[] Expose(SecureString secret)
    {
        IntPtr unmanaged = IntPtr.Zero;
        try
        {
            unmanaged = Marshal.SecureStringToGlobalAllocUnicode(secret);
            var plain = new char[secret.Length];
            Marshal.Copy(unmanaged, plain, 0, plain.Length);
            return plain;
        }
        finally
        {
            if (unmanaged != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            }
        }
    }

    private static void Wipe(char[]? buffer)
    {
        if (buffer is not null)
        {
            Array.Clear(buffer, 0, buffer.Length);
        }
    }

    /// <summary>A secret, and what it is paired with in an Authorization header (a user id, or the API key).</summary>
    private sealed class Secret
    {
        public Secret(SecureString value, string? pairPrefix, SecureString? pairKey, bool isToken)
        {
            Value = value;
            PairPrefix = pairPrefix;
            PairKey = pairKey;
            IsToken = isToken;
        }

        public SecureString Value { get; }

        public string? PairPrefix { get; }

        public SecureString? PairKey { get; }

        public bool IsToken { get; }
    }
}
