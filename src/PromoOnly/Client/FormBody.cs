using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Text;

namespace PromoOnly.Client;

/// <summary>
/// An application/x-www-form-urlencoded body built as bytes, so a secret field goes from its
/// <see cref="SecureString"/> to the wire without ever becoming a managed string. Dispose wipes it.
/// </summary>
internal sealed class FormBody : IDisposable
{
    private readonly List<byte[]> _parts = new();

    // Every body handed out, kept apart from the fields so a second ToContent (a 307 re-send) builds the same body.
    private readonly List<byte[]> _bodies = new();

    public FormBody Add(string name, string value)
    {
        _parts.Add(Encode(name, Encoding.UTF8.GetBytes(value)));
        return this;
    }

    /// <summary>
    /// A list of numbers as the contract writes it, <c>name=1,3,5</c>: the commas stay literal (as in
    /// the documentation's own examples) instead of becoming %2C; digits need no escaping anyway.
    /// </summary>
    public FormBody AddList(string name, IEnumerable<long> values)
    {
        string joined = string.Join(",", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        byte[] encodedName = Encoding.ASCII.GetBytes(Uri.EscapeDataString(name));
        byte[] part = new byte[encodedName.Length + 1 + joined.Length];
        Buffer.BlockCopy(encodedName, 0, part, 0, encodedName.Length);
        part[encodedName.Length] = (byte)'=';
        Encoding.ASCII.GetBytes(joined, 0, joined.Length, part, encodedName.Length + 1);
        _parts.Add(part);
        return this;
    }

    public FormBody AddSecret(string name, SecureString value)
    {
        _parts.Add(SecureText.WithUtf8(value, Array.Empty<byte>(), bytes => Encode(name, bytes)));
        return this;
    }

    /// <summary>The body as new content (once per send: a request disposes its content); its buffer stays owned by this object and is wiped on Dispose.</summary>
    public HttpContent ToContent()
    {
        int length = _parts.Count - 1;
        foreach (byte[] part in _parts)
        {
            length += part.Length;
        }

        var body = new byte[Math.Max(length, 0)];
        int offset = 0;
        for (int i = 0; i < _parts.Count; i++)
        {
            if (i > 0)
            {
                body[offset++] = (byte)'&';
            }

            Buffer.BlockCopy(_parts[i], 0, body, offset, _parts[i].Length);
            offset += _parts[i].Length;
        }

        _bodies.Add(body);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    public void Dispose()
    {
        foreach (byte[] part in _parts.Concat(_bodies))
        {
            Array.Clear(part, 0, part.Length);
        }

        _parts.Clear();
        _bodies.Clear();
    }

    private static byte[] Encode(string name, byte[] value)
    {
        byte[] encodedName = Encoding.ASCII.GetBytes(Uri.EscapeDataString(name));
        var result = new byte[encodedName.Length + 1 + EncodedLength(value)];
        Buffer.BlockCopy(encodedName, 0, result, 0, encodedName.Length);
        int offset = encodedName.Length;
        result[offset++] = (byte)'=';
        foreach (byte b in value)
        {
            if (IsUnreserved(b))
            {
                result[offset++] = b;
            }
            else if (b == (byte)' ')
            {
                result[offset++] = (byte)'+';
            }
            else
            {
                result[offset++] = (byte)'%';
                result[offset++] = HexDigit(b >> 4);
                result[offset++] = HexDigit(b & 0xF);
            }
        }

        return result;
    }

    private static int EncodedLength(byte[] value)
    {
        int length = 0;
        foreach (byte b in value)
        {
            length += IsUnreserved(b) || b == (byte)' ' ? 1 : 3;
        }

        return length;
    }

    private static bool IsUnreserved(byte b) =>
        (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~';

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'A' + value - 10);
}
