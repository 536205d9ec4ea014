using AngleSharp.Dom;
using Bunit.Rendering;
using GalaxyCo.Domain.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Web;
using Npgsql;

namespace GalaxyCo.Web.Tests.Members;

/// <summary>Arranging and reading helpers shared by the members and layout tests.</summary>
public static class MembersTestSupport
{
    /// <summary>
    /// Starts a click whose handler waits on a dialog (the members page awaits the dialog's result, so awaiting the
    /// click would wait for the dialog to close) and returns the pending handler. Finds the element again if a render
    /// retired its handler id in between, and rethrows anything else the click failed with straight away.
    /// </summary>
    public static Task<Task> StartClickAsync(Func<IElement> find) => StartAsync(find, e => e.ClickAsync());

    /// <summary>Presses the mouse on what <paramref name="find"/> finds (how a MudSelect opens), like <see cref="StartClickAsync"/>.</summary>
    public static Task<Task> StartMouseDownAsync(Func<IElement> find) => StartAsync(find, e => e.MouseDownAsync(new MouseEventArgs()));

    private static async Task<Task> StartAsync(Func<IElement> find, Func<IElement, Task> dispatch)
    {
        for (var attempt = 0; ; attempt++)
        {
            var click = dispatch(find());
            await Task.WhenAny(click, Task.Delay(50));
            if (click.IsFaulted && click.Exception!.InnerException is UnknownEventHandlerIdException && attempt < 10)
            {
                await Task.Delay(100);
                continue;
            }
            if (click.IsFaulted) await click;
            return click;
        }
    }

    /// <summary>Gives a user a recognisable name (the fixture names members after their role), as superuser.</summary>
    public static async Task RenameUserAsync(this PostgresDatabase database, Guid userId, string firstName, string lastName)
    {
        await using var connection = await database.OpenSuperuserConnectionAsync();
        await using var update = new NpgsqlCommand("update users set first_name = @f, last_name = @l where id = @id", connection);
        update.Parameters.AddWithValue("f", firstName);
        update.Parameters.AddWithValue("l", lastName);
        update.Parameters.AddWithValue("id", userId);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    /// <summary>A fresh token for names and emails, so a test only ever matches what it arranged.</summary>
    public static string Token() => Guid.NewGuid().ToString("N")[..8];
}
