using Microsoft.Extensions.DependencyInjection;

namespace GalaxyCo.Domain.Work;

public static class WorkServiceCollectionExtensions
{
    /// <summary>Projects and tasks: services, quick add, the task board, attachments and the due-soon job.</summary>
    public static IServiceCollection AddWork(this IServiceCollection services)
    {
        // Attachments (Storage:Files) and the due-soon job (Work:DueSoon); binding needs the host's IConfiguration.
        services.AddOptions<Attachments.AttachmentStorageOptions>().BindConfiguration(Attachments.AttachmentStorageOptions.Section);
        services.AddSingleton<Attachments.AttachmentFileStore>();
        services.AddScoped<Attachments.TaskAttachmentService>();
        services.AddOptions<Reminders.TaskDueSoonOptions>().BindConfiguration(Reminders.TaskDueSoonOptions.Section);
        services.AddScoped<Reminders.TaskDueSoonJob>();
        services.AddScoped<Tasks.TaskService>();
        services.AddScoped<Tasks.TaskBulkService>();
        services.AddScoped<Tasks.TaskListService>();
        services.AddScoped<Tasks.MyTasksService>();
        services.AddScoped<Projects.ProjectService>();
        services.AddScoped<Board.TaskBoardService>();
        return services;
    }
}
