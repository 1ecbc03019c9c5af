public class ApiSmoke { [Fact] public void Placeholder() { } }
