using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Tests.Web.Hosting;

/// <summary>Where the host listens: the quick start's default only when nothing else says where.</summary>
public sealed class ListenAddressTests
{
    [Fact]
    public async Task HttpPorts_AsContainerImagesSetThem_AreListenedOn_InsteadOfTheDefaultUrl()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var app = new GatewayAppFactory().WithSetting("http_ports", port.ToString(CultureInfo.InvariantCulture));
        app.UseKestrel();
        app.StartServer();

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = Assert.Single(addresses);
        Assert.Equal(port, new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port);
    }
}
