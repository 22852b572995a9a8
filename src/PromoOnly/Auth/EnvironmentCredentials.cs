using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security;
using PromoOnly.Client;

namespace PromoOnly.Auth;

/// <summary>
/// Credentials from environment variables, the way CI jobs and scheduled tasks hold them:
/// PROMOONLY_USER_ID with PROMOONLY_API_KEY + PROMOONLY_API_SECRET (renewable) or PROMOONLY_TOKEN.
/// </summary>
internal sealed class EnvironmentCredentials
{
    public const string UserIdVariable = "PROMOONLY_USER_ID";
    public const string TokenVariable = "PROMOONLY_TOKEN";
    public const string ApiKeyVariable = "PROMOONLY_API_KEY";
    public const string ApiSecretVariable = "PROMOONLY_API_SECRET";

    private EnvironmentCredentials(int userId, SecureString? token, SecureString? apiKey, SecureString? apiSecret)
    {
        UserId = userId;
        Token = token;
        ApiKey = apiKey;
        ApiSecret = apiSecret;
    }

    public int UserId { get; }

    public SecureString? Token { get; }

    public SecureString? ApiKey { get; }

    public SecureString? ApiSecret { get; }

    /// <summary>Reads the variables; on failure <paramref name="problem"/> names what is missing or wrong.</summary>
    public static EnvironmentCredentials? TryRead(Func<string, string?> getVariable, out string problem)
    {
        string? userId = Value(getVariable, UserIdVariable);
        string? token = Value(getVariable, TokenVariable);
        string? key = Value(getVariable, ApiKeyVariable);
        string? secret = Value(getVariable, ApiSecretVariable);

        var missing = new List<string>();
        if (userId is null)
        {
            missing.Add(UserIdVariable);
        }

        bool hasKeyPair = key is not null && secret is not null;
        if (!hasKeyPair && token is null)
        {
            if (key is not null)
            {
                missing.Add(ApiSecretVariable);
            }
            else if (secret is not null)
            {
                missing.Add(ApiKeyVariable);
            }
            else
            {
                missing.Add($"{ApiKeyVariable} and {ApiSecretVariable} (or {TokenVariable})");
            }
        }

        if (missing.Count > 0)
        {
            problem = "missing " + string.Join(", ", missing);
            return null;
        }

        if (!int.TryParse(userId, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id < 1)
        {
            problem = $"{UserIdVariable} must be a positive whole number";
            return null;
        }

        problem = string.Empty;

        // The key pair wins when both are set: it renews, a token does not.
        return hasKeyPair
            ? new EnvironmentCredentials(id, null, SecureText.FromPlainText(key!), SecureText.FromPlainText(secret!))
            : new EnvironmentCredentials(id, SecureText.FromPlainText(token!), null, null);
    }

    private static string? Value(Func<string, string?> getVariable, string name) =>
        getVariable(name) is { } value && value.Trim().Length > 0 ? value.Trim() : null;
}
