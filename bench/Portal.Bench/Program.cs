using BenchmarkDotNet.Running;
using Portal.Bench;

// Four jobs: write the load benchmark's pre-signed requests, give its account auto-reply rules, run the
// micro-benchmarks of hot protocol code, or time the followers list at a million rows on PostgreSQL.
return args switch
{
    ["requests", .. var rest] => WebhookRequests.Write(rest),
    ["rules", .. var rest] => await WebhookRules.SeedAsync(rest),
    ["micro", .. var rest] => RunMicro(rest),
    ["followers", .. var rest] => await FollowerListBenchmark.RunAsync(rest),
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
          Portal.Bench requests <plaintext|aes> <count> <out-prefix> <threads> <host:port>   (reads WeChat__Token, WeChat__AppId, WeChat__EncodingAESKey)
          Portal.Bench rules <data-folder>   (the SQLite database Portal will open there)
          Portal.Bench micro [BenchmarkDotNet arguments, e.g. --filter *]
          Portal.Bench followers [PostgreSQL connection string] [followers, default 1000000]   (creates and replaces the database portal_bench_followers)
        """);
    return 2;
}
