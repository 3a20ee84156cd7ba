using Microsoft.Extensions.Options;

namespace Portal.Web.Hosting;

/// <summary>
/// A wrong setting stops Portal with one line naming it on stderr and exit code 1, not an unhandled
/// exception's stack trace. Done as the process's last word on an unhandled exception rather than a
/// try/catch around Program.cs, so that tests hosting Program in-process still receive the exception itself.
/// </summary>
public static class StartupFailure
{
    private static int _registered;

    public static void ExitCleanlyOnBadSettings()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is not Exception error || SettingsProblem(error) is not { } problem)
                return;
            Console.Error.WriteLine($"Portal cannot start: {problem}");
            Console.Error.Flush();
            Environment.Exit(1);
        };
    }

    /// <summary>The settings' problems in <paramref name="error"/> as one line, or null when it is about something else.</summary>
    public static string? SettingsProblem(Exception error) => error switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures.Distinct()),
        AggregateException all when all.InnerExceptions.Count > 0 && all.InnerExceptions.All(e => e is OptionsValidationException) =>
            string.Join(" ", Failures(all)),
        _ => null,
    };

    private static IEnumerable<string> Failures(AggregateException all) =>
        all.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures).Distinct();

    /// <summary>
    /// Every setting validated on start, checked now: before migrations touch a database and before
    /// anything is served, and where a failure reaches <see cref="ExitCleanlyOnBadSettings"/> directly.
    /// </summary>
    public static void ValidateSettings(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (AggregateException all) when (SettingsProblem(all) is not null)
        {
            // Several options failing (or one validated twice) read best as one exception naming each setting once.
            var first = (OptionsValidationException)all.InnerExceptions[0];
            throw new OptionsValidationException(first.OptionsName, first.OptionsType, Failures(all).ToList());
        }
    }
}
