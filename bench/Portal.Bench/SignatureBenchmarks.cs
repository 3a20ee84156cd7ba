using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Portal.Core.WeChat;

namespace Portal.Bench;

/// <summary>The URL signature, against the way it is commonly written (LINQ sort, string concat, BitConverter).</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private const string Token = "weixin";
    private const string Timestamp = "1357982061";
    private const string Nonce = "1358161344";

    [Benchmark(Baseline = true)]
    public string Naive()
    {
        var joined = string.Concat(new[] { Token, Timestamp, Nonce }.OrderBy(s => s, StringComparer.Ordinal));
        return BitConverter.ToString(SHA1.HashData(Encoding.UTF8.GetBytes(joined))).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
    }

    [Benchmark]
    public string Portal() => Signature.Compute(Token, Timestamp, Nonce);
}
