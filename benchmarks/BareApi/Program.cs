// A bare ASP.NET Core minimal API: no middleware, one endpoint answering fixed JSON bytes of about the size
// of a SocBridge lookup answer. Measured beside the API in the same load run, it shows what this machine
// serves at most, so the API's figures can be read against it.
using System.Text;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

var size = app.Configuration.GetValue("BodyBytes", 2048);
var body = Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('x', Math.Max(0, size - 14)) + "\"}");
app.MapGet("/bare", () => Results.Bytes(body, "application/json; charset=utf-8"));
app.MapGet("/health", () => Results.Text("ok"));
app.Run();
