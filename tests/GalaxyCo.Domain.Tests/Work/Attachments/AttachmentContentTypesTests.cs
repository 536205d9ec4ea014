using System.Text;
using GalaxyCo.Domain.Work.Attachments;

namespace GalaxyCo.Domain.Tests.Work.Attachments;

public sealed class AttachmentContentTypesTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Theory]
    [InlineData("setup.exe")]
    [InlineData("run.bat")]
    [InlineData("install.sh")]
    [InlineData("app.js")]
    [InlineData("tool.ps1")]
    [InlineData("library.dll")]
    [InlineData("README")]
    public void RefuseName_ProgramsAndUnknownTypes_Refused(string name)
    {
        Assert.NotNull(AttachmentContentTypes.RefuseName(name));
    }

    [Theory]
    [InlineData("spec.pdf")]
    [InlineData("Budget.XLSX")]
    [InlineData("notes.txt")]
    [InlineData("leads.csv")]
    [InlineData("photo.jpeg")]
    [InlineData("assets.zip")]
    [InlineData("export.html")]
    [InlineData("diagram.svg")]
    public void RefuseName_DocumentsImagesArchivesAndMarkup_Accepted(string name)
    {
        Assert.Null(AttachmentContentTypes.RefuseName(name));
    }

    [Fact]
    public void Sniff_HtmlRenamedPng_IsOctetStreamAndNeverInline()
    {
        var html = Encoding.UTF8.GetBytes("<html><body><script>fetch('/w/acme/admin')</script></body></html>");

        var sniffed = AttachmentContentTypes.Sniff(html, "cute-cat.png");

        Assert.Equal("application/octet-stream", sniffed.ContentType);
        Assert.False(sniffed.Inline);
        Assert.Null(sniffed.Refused);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "logo.png")]
    [InlineData("\uFEFF  <!DOCTYPE html><p>hi</p>", "notes.txt")]
    [InlineData("<?xml version=\"1.0\"?><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>", "data.csv")]
    [InlineData("#!/bin/sh\nrm -rf /\n", "notes.txt")]
    [InlineData("name,site\nBob,<script>alert(1)</script>\n", "leads.csv")]
    [InlineData("plain words", "page.html")]
    public void Sniff_MarkupOrScriptUnderAnyName_IsOctetStream(string content, string name)
    {
        var sniffed = AttachmentContentTypes.Sniff(Encoding.UTF8.GetBytes(content), name);

        Assert.Equal("application/octet-stream", sniffed.ContentType);
        Assert.False(sniffed.Inline);
    }

    [Fact]
    public void Sniff_RealPng_IsImagePngAndInline()
    {
        var sniffed = AttachmentContentTypes.Sniff(Png, "screenshot.png");

        Assert.Equal("image/png", sniffed.ContentType);
        Assert.True(sniffed.Inline);
    }

    [Fact]
    public void Sniff_PngNamedPdf_TrustsTheBytes()
    {
        Assert.Equal("image/png", AttachmentContentTypes.Sniff(Png, "report.pdf").ContentType);
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "spec.pdf", "application/pdf")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "photo.jpg", "image/jpeg")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0 }, "anim.gif", "image/gif")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50 }, "pic.webp", "image/webp")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0 }, "plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0 }, "bundle.zip", "application/zip")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0 }, "fake.png", "application/zip")]
    public void Sniff_KnownMagicBytes_GivesTheRealType(byte[] head, string name, string expected)
    {
        Assert.Equal(expected, AttachmentContentTypes.Sniff(head, name).ContentType);
    }

    [Fact]
    public void Sniff_PlainCsv_IsTextCsv()
    {
        var sniffed = AttachmentContentTypes.Sniff(Encoding.UTF8.GetBytes("name,amount\nAcme,100\nBöse GmbH,200\n"), "leads.csv");

        Assert.Equal("text/csv", sniffed.ContentType);
        Assert.False(sniffed.Inline);
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0, 3, 0 }, "invoice.pdf")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1 }, "notes.txt")]
    [InlineData(new byte[] { 0xCF, 0xFA, 0xED, 0xFE, 7, 0 }, "photo.jpg")]
    public void Sniff_ProgramUnderAnyName_IsRefused(byte[] head, string name)
    {
        Assert.NotNull(AttachmentContentTypes.Sniff(head, name).Refused);
    }
}
