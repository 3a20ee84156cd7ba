using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Portal.Core.WeChat;

namespace Portal.Bench;

/// <summary>
/// Decrypting a safe-mode message, against the AES-CBC call alone (the part no implementation can avoid):
/// the ratio is what base64, unpadding, the length and AppId checks and UTF-8 decoding add.
/// </summary>
[MemoryDiagnoser]
public class CryptoBenchmarks
{
    private const string Key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string Encrypt = "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";

    private readonly MessageCrypto _crypto = new(Key, "wx2c2769f8efd9abc2");
    private readonly Aes _aes = Aes.Create();
    private readonly byte[] _cipher = Convert.FromBase64String(Encrypt);
    private readonly byte[] _iv;

    public CryptoBenchmarks()
    {
        var key = Convert.FromBase64String(Key + "=");
        _aes.Key = key;
        _iv = key[..16];
    }

    [Benchmark(Baseline = true)]
    public byte[] AesCbcOnly() => _aes.DecryptCbc(_cipher, _iv, PaddingMode.None);

    [Benchmark]
    public string Portal() => _crypto.Decrypt(Encrypt);
}
