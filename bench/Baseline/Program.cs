var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// What a webhook that does nothing at all would answer WeChat.
app.MapPost("/wx", async context =>
{
    context.Response.ContentType = "text/plain; charset=utf-8";
    await context.Response.WriteAsync("success");
});

// What a site that does nothing but send a fixed page would answer: the same bytes every time, from memory.
// bench/pages.sh sets the page to a copy of Portal's home page, so both send the same amount.
var page = Environment.GetEnvironmentVariable("BASELINE_PAGE") is { Length: > 0 } file ? await File.ReadAllBytesAsync(file) : "<!DOCTYPE html><p>page</p>"u8.ToArray();
app.MapGet("/page", async context =>
{
    context.Response.ContentType = "text/html; charset=utf-8";
    await context.Response.Body.WriteAsync(page);
});

await app.RunAsync();
