namespace Portal.Core.Platform;

/// <summary>The platform answered with a non-zero <c>errcode</c>.</summary>
public sealed class WeChatApiException(string endpoint, int errorCode, string? errorMessage)
    : Exception($"{endpoint} answered errcode {errorCode}: {errorMessage}")
{
    public string Endpoint { get; } = endpoint;
    public int ErrorCode { get; } = errorCode;
    public string? ErrorMessage { get; } = errorMessage;

    public bool IsTokenInvalid => WeChatErrorCodes.IsTokenInvalid(ErrorCode);
    public bool IsTransient => WeChatErrorCodes.IsTransient(ErrorCode);
}
