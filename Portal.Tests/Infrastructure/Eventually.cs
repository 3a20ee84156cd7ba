using System.Diagnostics;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Waiting for what another thread, process or the browser brings about: the condition is checked again and again
/// until it holds or a generous deadline passes. The deadline is there for a broken build, not for a slow machine:
/// a passing test waits only as long as the work takes, however loaded the machine is. Where the code under test
/// takes a <see cref="TimeProvider"/>, tests move a fake clock instead of waiting.
/// </summary>
public static class Eventually
{
    /// <summary>Far longer than any awaited step takes, even on two cores shared by several test runs.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Reads until <paramref name="done"/> holds for what was read, and returns that; after the deadline, returns the
    /// last value read, for the test's own assertion to report. <paramref name="between"/> runs between two reads (to
    /// move a fake clock, or reload a page).
    /// </summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<Task>? between = null, TimeSpan? deadline = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > (deadline ?? Deadline))
                return value;
            if (between is not null)
                await between();
            await Task.Delay(Pause);
        }
    }

    /// <summary>Whether <paramref name="condition"/> came to hold before the deadline.</summary>
    public static Task<bool> HoldsAsync(Func<Task<bool>> condition, Func<Task>? between = null, TimeSpan? deadline = null) =>
        ReadAsync(condition, held => held, between, deadline);

    /// <inheritdoc cref="HoldsAsync(Func{Task{bool}}, Func{Task}?, TimeSpan?)"/>
    public static Task<bool> HoldsAsync(Func<bool> condition, Func<Task>? between = null, TimeSpan? deadline = null) =>
        ReadAsync(() => Task.FromResult(condition()), held => held, between, deadline);
}
