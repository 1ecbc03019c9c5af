SocBridge.Api.ApiHost.Build(args).Run();
