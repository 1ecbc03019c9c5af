namespace SocBridge.Recode; internal static class Placeholder {}
