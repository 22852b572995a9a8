namespace PromoOnly.Emulator.Endpoints;

/// <summary>
/// Reads url-encoded (or multipart) form bodies without ever throwing: a client that sends
/// no form, the wrong content type or a garbled body should get the API's normal "invalid"
/// answer, not a 500 from the framework.
/// </summary>
internal static class FormFields
{
    /// <summary>The parsed form, or null when the request has no readable form body.</summary>
    public static async Task<IFormCollection?> TryReadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // InvalidDataException: malformed or over-limit form; IOException: truncated body.
            return null;
        }
    }

    public static async Task<IFormCollection> ReadAsync(HttpRequest request) =>
        await TryReadAsync(request) ?? FormCollection.Empty;
}
