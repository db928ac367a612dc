namespace Gateway.Bench;

/// <summary>
/// The reference reverse proxy: Debian's nginx in front of the fake upstream, configured to be safe for streaming
/// (no response or request buffering, HTTP/1.1 with a keep-alive pool to the upstream, no access log), in a
/// temporary prefix of its own.
/// </summary>
internal sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _master;
    private readonly string _prefix;

    private NginxProxy(Process master, string prefix, int port)
    {
        _master = master;
        _prefix = prefix;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    public int ProcessId => _master.Id;

    /// <param name="workers">One per CPU it may run on.</param>
    public static async Task<NginxProxy> StartAsync(string upstreamUrl, int workers, string? cpus)
    {
        var prefix = Directory.CreateTempSubdirectory("gateway-bench-nginx-").FullName;
        var port = GatewayLauncher.FreePort();
        var upstream = new Uri(upstreamUrl);
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), $$"""
            worker_processes {{workers}};
            daemon off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                keepalive_requests 1000000;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                upstream fake {
                    server {{upstream.Host}}:{{upstream.Port}};
                    keepalive 256;
                    keepalive_requests 1000000;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://fake;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_buffering off;
                        proxy_request_buffering off;
                        proxy_cache off;
                    }
                }
            }
            """);
        var master = Process.Start(Pinning.StartInfo(cpus, "nginx", "-p", prefix + "/", "-c", "nginx.conf", "-e", prefix + "/error.log")) ?? throw new InvalidOperationException("nginx did not start.");
        var proxy = new NginxProxy(master, prefix, port);
        await Listening.WaitAsync(port, master, "nginx");
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.StopAsync(_master);
        Directory.Delete(_prefix, recursive: true);
    }
}
