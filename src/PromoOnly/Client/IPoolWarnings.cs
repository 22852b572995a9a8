namespace PromoOnly.Client;

/// <summary>
/// A log that also takes warnings: things a user should see even without -Verbose, such as
/// credentials about to cross a network unencrypted. Thread-safe like <see cref="IPoolLog"/>;
/// the cmdlet layer writes them from the pipeline thread.
/// </summary>
internal interface IPoolWarnings
{
    void Warning(string message);
}
