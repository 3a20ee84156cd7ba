namespace Portal.Tests.Outbox;

/// <summary>
/// Holds Portal's calls to some of the platform's endpoints until the test releases them, as a slow
/// platform would: an HTTP handler in front of the sandbox, so everything behind it is the real thing.
/// Add <see cref="Handler"/> to the platform's HTTP client; the factory may build several pipelines.
/// </summary>
public sealed class HeldPlatformCalls(string pathContains)
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    /// <summary>Calls whose path contains this are held (<c>/cgi-bin/user/</c>: the follower list and user info).</summary>
    public string PathContains { get; } = pathContains;

    /// <summary>How many calls are waiting at the moment.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Release() => _released.TrySetResult();

    public DelegatingHandler Handler() => new Hold(this);

    private sealed class Hold(HeldPlatformCalls calls) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.RequestUri?.AbsolutePath.Contains(calls.PathContains, StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref calls._waiting);
                try
                {
                    await calls._released.Task.WaitAsync(ct);
                }
                finally
                {
                    Interlocked.Decrement(ref calls._waiting);
                }
            }
            return await base.SendAsync(request, ct);
        }
    }
}
