global using SocBridge.Core.Classification;
