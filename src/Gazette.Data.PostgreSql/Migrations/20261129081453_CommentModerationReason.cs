using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CommentModerationReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ModerationReason",
                table: "Comments",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ModerationReason",
                table: "Comments");
        }
    }
}
