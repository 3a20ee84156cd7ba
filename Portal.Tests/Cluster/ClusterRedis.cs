using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Portal.Tests.Cluster;

/// <summary>
/// A redis-server of the cluster's own, on a free port, so a test can restart or kill it for real without
/// touching the Redis other tests share. No snapshots and no append-only file: a restart comes back empty,
/// as a Redis without persistence (or one that lost its disk) does.
/// </summary>
public sealed class ClusterRedis : IAsyncDisposable
{
    public const string ServerPath = "/usr/bin/redis-server";

    private readonly string _folder;
    private Process? _process;

    public ClusterRedis(string folder)
    {
        _folder = Path.Combine(folder, "redis");
        Directory.CreateDirectory(_folder);
        Port = FreePort.Next();
    }

    public int Port { get; }

    public bool Running => _process is { HasExited: false };

    /// <summary>The StackExchange.Redis configuration string Portal is given.</summary>
    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public async Task StartAsync()
    {
        if (!File.Exists(ServerPath))
            throw new InvalidOperationException($"The cluster tests need {ServerPath}; ./test.sh installs it (apt-get install redis-server).");
        var start = new ProcessStartInfo(ServerPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", _folder, "--logfile", Path.Combine(_folder, "redis.log") })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        for (var i = 0; i < 100; i++)
        {
            if (await AnswersAsync())
                return;
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"redis-server on port {Port} did not answer PING.");
    }

    /// <summary>SHUTDOWN NOSAVE: Redis stops at once and forgets everything.</summary>
    public async Task ShutdownAsync()
    {
        try
        {
            await SendAsync("*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n");
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            // The server closes the connection as it goes.
        }
        await WaitForExitAsync();
    }

    /// <summary>SIGKILL, like <c>kill -9</c>.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
            process.Kill();
        await WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temporary folder's own cleaning.
        }
    }

    private async Task WaitForExitAsync()
    {
        if (_process is null)
            return;
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            return (await SendAsync("*1\r\n$4\r\nPING\r\n")).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    private async Task<string> SendAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command));
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
