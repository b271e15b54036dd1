namespace MLEDojo.Hosting.Configuration;

/// <summary>The configuration is malformed; the message names the file and every offending key.</summary>
public sealed class DojoConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
