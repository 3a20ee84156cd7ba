var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Portal");
app.Run();

/// <summary>Exposed so functional tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
