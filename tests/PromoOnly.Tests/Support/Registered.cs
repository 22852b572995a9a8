using System.Security;
using PromoOnly.Client;

namespace PromoOnly.Tests.Support;

/// <summary>A session's masker registered for the length of a test, as a connect registers one.</summary>
internal sealed class Registered : IDisposable
{
    private Registered(SecretMasker masker, SecureString value)
    {
        Masker = masker;
        Value = value;
        LiveSecrets.Register(masker);
    }

    public SecretMasker Masker { get; }

    /// <summary>The first secret added.</summary>
    public SecureString Value { get; }

    public static Registered Secret(string secret)
    {
        var masker = new SecretMasker();
        SecureString value = Secure.From(secret);
        masker.Add(value);
        return new Registered(masker, value);
    }

    public static Registered Token(int userId, string token)
    {
        var masker = new SecretMasker();
        SecureString value = Secure.From(token);
        masker.AddToken(userId, value);
        return new Registered(masker, value);
    }

    public static Registered ApiCredential(string key, string secret)
    {
        var masker = new SecretMasker();
        SecureString value = Secure.From(secret);
        masker.AddApiCredential(Secure.From(key), value);
        return new Registered(masker, value);
    }

    public void Dispose() => LiveSecrets.Unregister(Masker);
}
