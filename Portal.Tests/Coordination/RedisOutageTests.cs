using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Coordination;
using Portal.Core.Logging;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Coordination;

/// <summary>
/// The shared store while its Redis is killed, frozen and brought back: every operation fails at once with
/// <see cref="CoordinationUnavailableException"/>, the circuit stops sending commands to a server that does not
/// answer, the outage is logged once when it starts and once when it ends, and claims work again afterwards.
/// Each test runs its own redis-server; the shared one is never touched. The circuit's pause runs on a fake
/// clock, so what is refused and what is probed is decided by the test, not by how fast the machine is.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
    private readonly CapturedLogs _logs = new();
    private readonly RedisOptions _options = new() { KeyPrefix = "outage-test:", CircuitBreakAfter = 3, CircuitPause = TimeSpan.FromSeconds(1), OperationTimeout = TimeSpan.FromMilliseconds(200) };
    private OwnRedisServer _server = null!;
    private RedisConnection _connection = null!;
    private RedisCoordinationStore _store = null!;

    public async Task InitializeAsync()
    {
        _server = await OwnRedisServer.StartAsync();
        _options.Configuration = _server.Configuration;
        var loggers = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        _connection = new RedisConnection(Options.Create(_options), _clock, new DependencyOutages(loggers, _clock));
        await _connection.ConnectAsync();
        _store = new RedisCoordinationStore(_connection, _clock);
    }

    public async Task DisposeAsync()
    {
        _connection.Dispose();
        await _server.DisposeAsync();
    }

    private IEnumerable<string> OutageLines => _logs.Lines.Where(l => l.Contains("Portal.Outages", StringComparison.Ordinal));

    /// <summary>Runs <paramref name="count"/> operations one after another; each must fail as "unavailable".</summary>
    private async Task AllFailAsync(int count)
    {
        for (var i = 0; i < count; i++)
            await Assert.ThrowsAsync<CoordinationUnavailableException>(() => _store.GetAsync("k" + i));
    }

    private async Task ReconnectedAsync()
    {
        // Waiting for the multiplexer's own reconnect is not part of what is tested; its pace is the library's.
        await Eventually.HoldsAsync(() => _connection.Multiplexer.IsConnected);
        Assert.True(_connection.Multiplexer.IsConnected, "the multiplexer did not reconnect to the restarted server");
    }

    [Fact]
    public async Task A_killed_Redis_fails_every_operation_as_unavailable_and_the_circuit_refuses_them_without_sending()
    {
        await _store.SetAsync("before", "1", TimeSpan.FromMinutes(1));
        await _server.KillAsync();

        await AllFailAsync(10);

        Assert.True(_connection.Circuit.IsOpen);
        Assert.Equal(1, _connection.Circuit.Opened);
        // Three failures opened it; the seven after were refused without a command being sent.
        Assert.Equal(7, _connection.Circuit.Refused);
        // Also the claim the webhook makes, and the lease helpers built on the store.
        await Assert.ThrowsAsync<CoordinationUnavailableException>(() => _store.ClaimOrReadAsync("msg:1", "holder", TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<CoordinationUnavailableException>(() => _store.TryAcquireLeaseAsync("lease", TimeSpan.FromSeconds(10), _clock));
    }

    [Fact]
    public async Task A_frozen_Redis_costs_the_operation_timeout_only_until_the_circuit_opens()
    {
        await _store.SetAsync("before", "1", TimeSpan.FromMinutes(1));
        _server.Freeze();
        try
        {
            await AllFailAsync(12);
        }
        finally
        {
            _server.Thaw();
        }

        // Only the first three waited for the server's answer; nine were refused before being sent.
        Assert.Equal(9, _connection.Circuit.Refused);
        Assert.Contains(OutageLines, l => l.Contains("RedisTimeoutException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_outage_is_one_start_line_and_one_end_line_with_the_count_and_claims_work_again_after_it()
    {
        Assert.True((await _store.ClaimOrReadAsync("msg:before", "one", TimeSpan.FromMinutes(1))).Won);
        await _server.KillAsync();
        await AllFailAsync(25);

        await _server.RestartAsync();
        await ReconnectedAsync();
        // Back, but the circuit still refuses until its pause is over: a returning server is not hammered.
        await Assert.ThrowsAsync<CoordinationUnavailableException>(() => _store.GetAsync("during pause"));
        _clock.Advance(_options.CircuitPause);

        // The probe gets through, closes the circuit, and claims work again (on the emptied server).
        var claim = await _store.ClaimOrReadAsync("msg:after", "two", TimeSpan.FromMinutes(1));
        Assert.True(claim.Won);
        Assert.False(_connection.Circuit.IsOpen);
        var again = await _store.ClaimOrReadAsync("msg:after", "three", TimeSpan.FromMinutes(1));
        Assert.False(again.Won);
        Assert.Equal("two", again.Existing);

        var lines = OutageLines.ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Error", lines[0]);
        Assert.Contains("Redis failing (RedisConnectionException)", lines[0]);
        Assert.Contains("Redis works again", lines[1]);
        Assert.Contains("26 operations failed", lines[1]); // 25 in the outage and the one refused during the pause
    }
}
