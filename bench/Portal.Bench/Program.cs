using BenchmarkDotNet.Running;
using Portal.Bench;

// Two jobs: write the load benchmark's pre-signed requests, or run the micro-benchmarks of hot protocol code.
return args switch
{
    ["requests", .. var rest] => WebhookRequests.Write(rest),
    ["micro", .. var rest] => RunMicro(rest),
    _ => Usage(),
};

static int RunMicro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(WebhookRequests).Assembly).Run(args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          Portal.Bench requests <plaintext|aes> <count> <out-file>   (reads WeChat__Token, WeChat__AppId, WeChat__EncodingAESKey)
          Portal.Bench micro [BenchmarkDotNet arguments, e.g. --filter *]
        """);
    return 2;
}
