namespace Gazette.Data;

public enum ImportJobState
{
    Queued = 0,
    Running = 1,
    Finished = 2,
}

/// <summary>
/// An import started from the staff area: queued here, claimed and run by one instance of the site,
/// its progress and then its report readable by every instance.
/// </summary>
public class ImportJob
{
    public int Id { get; set; }
    public ImportJobState State { get; set; }
    public string StartedBy { get; set; } = "";
    public DateTime StartedAt { get; set; }

    /// <summary>The export and the uploads zip, saved under the data folder (which every instance shares).</summary>
    public string ExportPath { get; set; } = "";
    public string? UploadsPath { get; set; }
    public bool DownloadAttachments { get; set; }

    /// <summary>The instance running it, and when it last said so: a job whose instance went quiet is taken up again (imports resume).</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? HeartbeatAt { get; set; }

    public string Stage { get; set; } = "Waiting";
    public int Done { get; set; }
    public int Total { get; set; }

    /// <summary>The report, as <c>ImportReport</c> writes it, once finished.</summary>
    public string? Report { get; set; }
    public DateTime? FinishedAt { get; set; }
}
