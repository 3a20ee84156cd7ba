using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A redis-server of the test's own, on a free port, that the test may kill, restart, freeze and thaw: the
/// shared test Redis serves every other test and must never be touched. Nothing is saved to disk, so a restart
/// comes back empty, as a real restart without persistence does.
/// </summary>
public sealed class OwnRedisServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/redis-server";
    private Process? _process;

    public int Port { get; } = FreePort();

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<OwnRedisServer> StartAsync()
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"This test starts its own Redis and needs {Binary} (apt-get install -y redis-server).");
        var server = new OwnRedisServer();
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again, on the same port) and returns once it answers PING.</summary>
    public async Task RestartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(Binary, $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --daemonize no --loglevel warning")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (await Eventually.HoldsAsync(AnswersPingAsync))
            return;
        throw new InvalidOperationException($"The test's own redis-server on port {Port} did not start.");
    }

    /// <summary>Kills the server as a crash would (SIGKILL) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
            return;
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open and commands get no answer, like a hung host.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>Lets a frozen server run again (SIGCONT).</summary>
    public void Thaw() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {_process!.Id}");
        kill.WaitForExit();
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(); // SIGKILL ends a frozen server too
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }
}
