using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Radzen;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Renders console components to HTML with the framework's <see cref="HtmlRenderer"/> (bUnit does not
/// work on this platform), with localisation, Radzen's services and the minimal JS runtime and
/// navigation manager the renderer needs.
/// </summary>
public sealed class ComponentRenderer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;

    public ComponentRenderer(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization();
        services.AddRadzenComponents();
        services.AddSingleton<IJSRuntime, NoJsRuntime>();
        services.AddSingleton<NavigationManager, FixedNavigationManager>();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());
    }

    /// <summary>Renders <typeparamref name="TComponent"/> with the given parameters and answers its HTML.</summary>
    public Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await _renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }

    /// <summary>Server-side rendering never runs scripts; a component that calls one is a test failure.</summary>
    private sealed class NoJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"JS call '{identifier}' during a server render.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException($"JS call '{identifier}' during a server render.");
    }

    private sealed class FixedNavigationManager : NavigationManager
    {
        public FixedNavigationManager() => Initialize("http://localhost/", "http://localhost/accounts");
    }
}
