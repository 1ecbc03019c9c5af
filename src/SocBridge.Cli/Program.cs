using SocBridge.Cli;

return await CliApp.Create().Parse(args).InvokeAsync();
