var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// What a webhook that does nothing at all would answer WeChat.
app.MapPost("/wx", async context =>
{
    context.Response.ContentType = "text/plain; charset=utf-8";
    await context.Response.WriteAsync("success");
});

await app.RunAsync();
