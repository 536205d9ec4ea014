using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace GalaxyCo.Domain.Ai;

/// <summary>The "Security" configuration section.</summary>
public sealed class ApiKeyProtectionOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Optional base64 of 32 random bytes. When set, provider API keys are encrypted with it directly (AES-256-GCM), so
    /// they survive a loss of the Data Protection key ring and can be moved between installations with the key.
    /// </summary>
    public string? ApiKeyEncryptionKey { get; set; }
}

/// <summary>
/// Encrypts workspaces' provider API keys for workspaces.encrypted_api_keys with AES-256-GCM, bound to the workspace
/// (its id is the associated data, so a ciphertext copied into another workspace does not decrypt).
/// <para>
/// Where the key comes from: <c>Security:ApiKeyEncryptionKey</c> when configured ("k1:" values); otherwise envelope
/// encryption under ASP.NET Data Protection ("dp1:" values): each value gets a fresh random AES key, stored wrapped by
/// the app's Data Protection key ring (persisted in the database and rotated by it). That needs no extra secret to
/// deploy, and the GCM layer keeps the stored format independent of Data Protection's own payload format.
/// </para>
/// </summary>
public sealed class ApiKeyProtector
{
    private const string ConfigPrefix = "k1:";
    private const string EnvelopePrefix = "dp1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[]? _configuredKey;
    private readonly IDataProtector _protector;

    public ApiKeyProtector(IDataProtectionProvider dataProtection, IOptions<ApiKeyProtectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        ArgumentNullException.ThrowIfNull(options);
        _protector = dataProtection.CreateProtector("GalaxyCo.Ai.ApiKeys.v1");
        var configured = options.Value.ApiKeyEncryptionKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(configured.Trim());
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException("Security:ApiKeyEncryptionKey must be base64 of 32 random bytes.", e);
            }
            if (key.Length != 32) throw new InvalidOperationException("Security:ApiKeyEncryptionKey must be base64 of 32 random bytes.");
            _configuredKey = key;
        }
    }

    public string Protect(Guid workspaceId, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (_configuredKey is not null) return ConfigPrefix + Seal(_configuredKey, workspaceId, plaintext);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var wrapped = Convert.ToBase64String(_protector.Protect(dataKey));
            return EnvelopePrefix + wrapped + "." + Seal(dataKey, workspaceId, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The plaintext, or null when the value cannot be decrypted (another workspace's, a lost key, tampered).</summary>
    public string? Unprotect(Guid workspaceId, string? ciphertext)
    {
        if (string.IsNullOrEmpty(ciphertext)) return null;
        try
        {
            if (ciphertext.StartsWith(ConfigPrefix, StringComparison.Ordinal))
                return _configuredKey is null ? null : Open(_configuredKey, workspaceId, ciphertext[ConfigPrefix.Length..]);
            if (ciphertext.StartsWith(EnvelopePrefix, StringComparison.Ordinal))
            {
                var body = ciphertext[EnvelopePrefix.Length..];
                var dot = body.IndexOf('.', StringComparison.Ordinal);
                if (dot <= 0) return null;
                var dataKey = _protector.Unprotect(Convert.FromBase64String(body[..dot]));
                try
                {
                    return Open(dataKey, workspaceId, body[(dot + 1)..]);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(dataKey);
                }
            }
            return null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static string Seal(byte[] key, Guid workspaceId, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), workspaceId.ToByteArray());
        return Convert.ToBase64String(output);
    }

    private static string? Open(byte[] key, Guid workspaceId, string sealedText)
    {
        var input = Convert.FromBase64String(sealedText);
        if (input.Length < NonceSize + TagSize) return null;
        var plain = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plain, workspaceId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}
