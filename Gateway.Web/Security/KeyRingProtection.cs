using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Gateway.Web.Security;

/// <summary>
/// Encrypts the Data Protection key ring, which the database stores and which decrypts every account secret and signs
/// every console cookie, with a certificate kept outside the database, so the database file alone gives neither away.
/// The certificate is <c>Security:KeyRing:CertificatePath</c>; else a key file the gateway generates once
/// (<c>Security:KeyRing:KeyFilePath</c>, by default beside the SQLite database, or under <c>data/</c> in Development);
/// with SQL Server outside Development and neither set, start-up stops with an error naming the settings.
/// </summary>
internal static class KeyRingProtection
{
    public const string DefaultKeyFileName = "keyring";
    private const string KeyFileExtension = ".pfx";

    public static WebApplicationBuilder ProtectKeyRing(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var database = DatabaseSettings.From(builder.Configuration["Database:Provider"], builder.Configuration.GetConnectionString("Gateway"), builder.Environment.ContentRootPath);
        var certificate = string.IsNullOrWhiteSpace(options.CertificatePath)
            ? LoadOrCreateKeyFile(KeyFilePath(options, database, builder.Environment))
            : LoadCertificate(options.CertificatePath, options.CertificatePassword);
        builder.Services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        return builder;
    }

    private static string KeyFilePath(KeyRingOptions options, DatabaseSettings database, IWebHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.KeyFilePath))
        {
            return options.KeyFilePath;
        }

        if (database.SqliteFile is { } file)
        {
            return DatabaseSettings.FileBeside(file, DefaultKeyFileName, KeyFileExtension);
        }

        if (environment.IsDevelopment())
        {
            return Path.Combine(environment.ContentRootPath, "data", DefaultKeyFileName + KeyFileExtension);
        }

        throw new InvalidOperationException(
            "The Data Protection key ring is stored in the database and must be encrypted with a key kept outside it: set "
            + "Security:KeyRing:CertificatePath (a PFX file with a private key, and Security:KeyRing:CertificatePassword) or "
            + "Security:KeyRing:KeyFilePath (a file the gateway creates with mode 0600 and reuses).");
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Security:KeyRing:CertificatePath '{path}' does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"Security:KeyRing:CertificatePath '{path}' could not be read as a PFX file with Security:KeyRing:CertificatePassword.", ex);
        }

        return certificate.HasPrivateKey && certificate.GetRSAPublicKey() is not null
            ? certificate
            : throw new InvalidOperationException($"Security:KeyRing:CertificatePath '{path}' must hold an RSA certificate with its private key.");
    }

    // Written under a temporary name and moved into place, so two hosts starting together end up with the same key.
    private static X509Certificate2 LoadOrCreateKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            using (var stream = OwnerOnlyFiles.CreateNew(temporary))
            {
                stream.Write(NewKey());
            }

            try
            {
                File.Move(temporary, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        return LoadCertificate(path, null);
    }

    private static byte[] NewKey()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Gateway key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        return certificate.Export(X509ContentType.Pfx);
    }
}
