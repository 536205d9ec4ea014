using System.Net;
using GalaxyCo.E2E.Infrastructure;

namespace GalaxyCo.E2E.Hosting;

[Collection(GalaxyAppCollection.Name)]
public sealed class HealthTests(GalaxyApp app)
{
    [Fact]
    public async Task Healthz_Returns200()
    {
        using var http = new HttpClient { BaseAddress = app.BaseUri };

        using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }
}
