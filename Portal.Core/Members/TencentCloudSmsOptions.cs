namespace Portal.Core.Members;

/// <summary>
/// Tencent Cloud SMS, bound from <c>Sms:TencentCloud</c>. SecretId and SecretKey are secrets: environment
/// variables or user-secrets only. Leaving SecretId empty leaves Tencent Cloud SMS off.
/// </summary>
public sealed class TencentCloudSmsOptions
{
    public const string SectionName = "Sms:TencentCloud";

    public string SecretId { get; set; } = "";
    public string SecretKey { get; set; } = "";

    /// <summary>The SMS application's SdkAppId (1400…).</summary>
    public string SdkAppId { get; set; } = "";

    /// <summary>The approved signature shown in 【】 before the text.</summary>
    public string SignName { get; set; } = "";

    /// <summary>An approved template with two parameters: the code and the minutes it is valid.</summary>
    public string TemplateId { get; set; } = "";
    public string Region { get; set; } = "ap-guangzhou";
    public Uri Endpoint { get; set; } = new("https://sms.tencentcloudapi.com/");

    public bool Configured => SecretId.Length > 0;

    public override string ToString() => $"Tencent Cloud SMS app {SdkAppId}"; // never the key
}
