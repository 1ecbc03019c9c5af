namespace SocBridge.Release; internal static class Placeholder {}
