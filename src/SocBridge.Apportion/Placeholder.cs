namespace SocBridge.Apportion; internal static class Placeholder {}
