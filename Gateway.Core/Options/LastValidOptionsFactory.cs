namespace Gateway.Core.Options;

/// <summary>
/// Builds options as <see cref="OptionsFactory{TOptions}"/> does, except that a configuration reload which breaks a value
/// keeps the last valid options, with the broken values logged as an error. Without it every read after a bad edit of
/// <c>appsettings.json</c> throws: each request answers 500 and the first background service to read a value stops the
/// host. The first build still throws, so a start with broken settings fails naming every one of them.
/// </summary>
internal sealed partial class LastValidOptionsFactory<TOptions>(
    IEnumerable<IConfigureOptions<TOptions>> setups,
    IEnumerable<IPostConfigureOptions<TOptions>> postConfigures,
    IEnumerable<IValidateOptions<TOptions>> validations,
    ILogger<LastValidOptionsFactory<TOptions>> logger) : IOptionsFactory<TOptions>
    where TOptions : class
{
    private readonly OptionsFactory<TOptions> _factory = new(setups, postConfigures, validations);
    private readonly ConcurrentDictionary<string, TOptions> _lastValid = new();

    public TOptions Create(string name)
    {
        try
        {
            var options = _factory.Create(name);
            _lastValid[name] = options;
            return options;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException && _lastValid.TryGetValue(name, out var last))
        {
            // A validation failure names every broken value; a value of the wrong type fails its binding.
            LogReloadRefused(logger, typeof(TOptions).Name, ex.Message);
            return last;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The reloaded configuration has broken {Options} settings, so the last valid ones stay in force: {Failures}")]
    private static partial void LogReloadRefused(ILogger logger, string options, string failures);
}
