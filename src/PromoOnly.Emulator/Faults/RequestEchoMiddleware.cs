using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromoOnly.Emulator.Endpoints;

namespace PromoOnly.Emulator.Faults;

/// <summary>
/// --echo-request: every answer that reports a failure quotes the request back, as debug error
/// pages and some proxies do: the Authorization header as received, the same header URL-encoded (as
/// a "try again" link carries it) and the form fields URL-encoded again. A client must not show any
/// of them. A failure is a status of 400 or more, an HTML page, or a JSON object whose
/// <c>result</c>/<c>Result</c> is not a success; the quote is appended to that text, inserted after
/// an HTML page's &lt;body&gt;, or put before any other failure body. Everything else (media, JSON
/// arrays, successful objects) passes through untouched and unbuffered.
/// </summary>
internal sealed class RequestEchoMiddleware(RequestDelegate next)
{
    private static readonly string[] Successes = ["success", "Authenticated", "Track successfully queued for download."];

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task InvokeAsync(HttpContext context)
    {
        string? echo = await QuoteAsync(context.Request);
        if (echo is null)
        {
            await next(context);
            return;
        }

        var response = context.Response;
        var original = response.Body;
        var body = new FailureCapture(original, response);
        response.Body = body;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        if (body.Held is { } held)
        {
            byte[] answer = Rewrite(held.ToArray(), response.StatusCode, response.ContentType ?? string.Empty, echo);
            response.ContentLength = answer.Length;
            await original.WriteAsync(answer, context.RequestAborted);
        }
    }

    private static async Task<string?> QuoteAsync(HttpRequest request)
    {
        string authorization = request.Headers.Authorization.ToString();
        var form = await FormFields.TryReadAsync(request);
        string fields = form is null ? string.Empty : string.Join("&", form.Select(f => $"{WebUtility.UrlEncode(f.Key)}={WebUtility.UrlEncode(f.Value.ToString())}"));
        var parts = new List<string>();
        if (authorization.Length > 0)
        {
            parts.Add($"Authorization: {authorization}");
            parts.Add($"retry: ?auth={Uri.EscapeDataString(authorization)}");
        }

        if (fields.Length > 0)
        {
            parts.Add($"form: {fields}");
        }

        return parts.Count == 0 ? null : $"(request: {string.Join("; ", parts)})";
    }

    private static byte[] Rewrite(byte[] body, int status, string contentType, string echo)
    {
        string text = Encoding.UTF8.GetString(body);
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && TryMessage(text, out var message, out string key))
        {
            string said = message[key]!.GetValue<string>();
            if (Successes.Contains(said, StringComparer.Ordinal))
            {
                return body;
            }

            message[key] = $"{said} {echo}";
            return Encoding.UTF8.GetBytes(message.ToJsonString(Relaxed));
        }

        if (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            int at = text.IndexOf("<body>", StringComparison.OrdinalIgnoreCase);
            at = at < 0 ? 0 : at + "<body>".Length;
            return Encoding.UTF8.GetBytes(text.Insert(at, $"<p>{WebUtility.HtmlEncode(echo)}</p>"));
        }

        return status >= 400 ? Encoding.UTF8.GetBytes(echo + "\n" + text) : body;
    }

    private static bool TryMessage(string text, out JsonObject message, out string key)
    {
        message = null!;
        key = string.Empty;
        try
        {
            if (JsonNode.Parse(text) is JsonObject obj)
            {
                foreach (string name in new[] { "result", "Result" })
                {
                    if (obj[name] is JsonValue value && value.TryGetValue(out string? _))
                    {
                        message = obj;
                        key = name;
                        return true;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Truncated or not JSON at all: not a message to append to.
        }

        return false;
    }

    /// <summary>
    /// Decides at the first write (or flush), when status and content type are known, whether this
    /// answer is a failure to hold for rewriting or anything else to pass straight through.
    /// </summary>
    private sealed class FailureCapture(Stream original, HttpResponse response) : Stream
    {
        private bool? _hold;

        public MemoryStream? Held { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Hold())
            {
                Held!.Write(buffer.Span);
                return ValueTask.CompletedTask;
            }

            return original.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => FlushAsync().GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            Hold() ? Task.CompletedTask : original.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private bool Hold()
        {
            if (_hold is null)
            {
                string type = response.ContentType ?? string.Empty;
                _hold = response.StatusCode >= 400
                    || type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                    || type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
                Held = _hold.Value ? new MemoryStream() : null;
            }

            return _hold.Value;
        }
    }
}
