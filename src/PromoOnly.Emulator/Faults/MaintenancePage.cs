namespace PromoOnly.Emulator.Faults;

/// <summary>
/// About 1,000 characters of HTML, the kind of page a site serves with status 200 during
/// maintenance. Long enough that a client echoing the raw body into an error message shows
/// it is not truncating what it reports.
/// </summary>
internal static class MaintenancePage
{
    public const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Promo Only - Scheduled Maintenance</title>
          <style>
            body { font-family: Helvetica, Arial, sans-serif; background: #101418; color: #e8e8e8; }
            main { max-width: 40em; margin: 4em auto; padding: 2em; background: #1c232b; }
            h1 { color: #f5a623; }
          </style>
        </head>
        <body>
          <main>
            <h1>We'll be right back</h1>
            <p>The Promo Only POOL is undergoing scheduled maintenance while we upgrade our
               download infrastructure. Downloads, crate syncing and the API are temporarily
               unavailable.</p>
            <p>We expect to be back online within the hour. Your subscription, crates and
               download history are safe and will be waiting for you when we return.</p>
            <p>Thank you for your patience, and for supporting Promo Only.</p>
            <p><small>Reference: MAINT-2024-POOL-API. If this page persists, please contact
               customer support.</small></p>
          </main>
        </body>
        </html>
        """;
}
