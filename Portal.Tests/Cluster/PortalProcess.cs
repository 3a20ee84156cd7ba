using System.Diagnostics;
using System.Globalization;

namespace Portal.Tests.Cluster;

/// <summary>
/// One Portal.Web server as a real operating-system process on 127.0.0.1: started with its settings as
/// environment variables, killed as <c>kill -9</c> kills (the whole process tree, no shutdown code runs), and
/// started again on the same port and data folder. Everything it writes to stdout and stderr goes to one
/// log file across restarts, and its lines are counted so a test can say how much an outage made it log.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, string> _settings;
    private readonly Lock _logGate = new();
    private readonly StreamWriter _log;
    private Process? _process;
    private long _lines;
    private bool _closed;

    public PortalProcess(string name, string folder, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        Port = FreePort.Next();
        BaseUrl = new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");
        DataFolder = Path.Combine(folder, name + "-data");
        LogFile = Path.Combine(folder, name + ".log");
        Directory.CreateDirectory(DataFolder);
        _log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        _settings = new(settings)
        {
            ["ASPNETCORE_URLS"] = BaseUrl.ToString().TrimEnd('/'),
            ["Database__DataFolder"] = DataFolder,
        };
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseUrl { get; }

    public string DataFolder { get; }

    public string LogFile { get; }

    /// <summary>Lines written to stdout and stderr since the harness started it the first time.</summary>
    public long LinesWritten => Interlocked.Read(ref _lines);

    public bool Running => _process is { HasExited: false };

    /// <summary>A setting for the next start (a restart picks it up), as an environment variable name.</summary>
    public void Set(string variable, string value) => _settings[variable] = value;

    /// <summary>Starts the server and waits until it answers HTTP.</summary>
    public async Task StartAsync()
    {
        if (Running)
            throw new InvalidOperationException($"{Name} is already running.");
        Note("starting");
        _process = Launch([]);
        await WaitUntilAnsweringAsync(_process);
        Note("answering");
    }

    /// <summary>Runs the app once with a command (e.g. <c>create-owner</c>) instead of the server; returns its exit code.</summary>
    public async Task<int> RunCommandAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        using var command = Launch(arguments, environment);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await command.WaitForExitAsync(timeout.Token);
        return command.ExitCode;
    }

    /// <summary>SIGKILL to the whole tree, like <c>kill -9</c>: no shutdown hooks, no flushing, nothing handed back.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
            return;
        Note("killed");
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    public async Task RestartAsync()
    {
        await KillAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        lock (_logGate)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    /// <summary>The end of the log, for a failure message.</summary>
    public string Tail(int lines = 40)
    {
        lock (_logGate)
        {
            if (!_closed)
                _log.Flush();
        }
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
    }

    private Process Launch(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? extra = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = DataFolder,
        };
        start.ArgumentList.Add(PortalWebBuild.Dll);
        // A command comes first: the app looks for it in its first argument.
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(PortalWebBuild.ProjectFolder);
        // Only what the harness sets: nothing of the test runner's own ASP.NET settings leaks in.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(variable);
        foreach (var (variable, value) in _settings)
            start.Environment[variable] = value;
        foreach (var (variable, value) in extra ?? new Dictionary<string, string>())
            start.Environment[variable] = value;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilAnsweringAsync(Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < StartTimeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} while starting:\n{Tail()}");
            try
            {
                // Any answer will do: with Redis down the health check says 503, and that is a running server.
                using var response = await http.GetAsync(new Uri(BaseUrl, "healthz"));
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }
        throw new InvalidOperationException($"{Name} did not answer within {StartTimeout.TotalSeconds:0} s:\n{Tail()}");
    }

    private void Write(string? line)
    {
        if (line is null)
            return;
        Interlocked.Increment(ref _lines);
        lock (_logGate)
        {
            // A killed process's last lines can arrive after the harness closed the file.
            if (!_closed)
                _log.WriteLine(line);
        }
    }

    // The harness's own marks in the log (not counted as the app's lines), so a reader sees where each fault fell.
    private void Note(string what)
    {
        lock (_logGate)
            if (!_closed)
                _log.WriteLine($"==== harness {DateTimeOffset.UtcNow:HH:mm:ss.fff} {Name} {what}");
    }
}
