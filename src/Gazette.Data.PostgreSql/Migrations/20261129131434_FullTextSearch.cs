using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BodyText",
                table: "Articles",
                type: "text",
                nullable: false,
                defaultValue: "");

            // Existing articles: their Markdown stands in for the plain text until their next save
            // (the app derives BodyText from Body on every save). The words are the same; the
            // parser drops Markdown's punctuation.
            migrationBuilder.Sql("""UPDATE "Articles" SET "BodyText" = "Body";""");

            // The search document, weighted for ts_rank: title A, summary (the excerpt or the lead) B,
            // body C. A stored generated column is recomputed by PostgreSQL on every write however
            // it is made, so it never needs syncing; adding it computes it for every existing row.
            // The app never maps it, so loading an article never reads it. 'english' must match the
            // configuration the app's queries use.
            migrationBuilder.Sql("""
                ALTER TABLE "Articles" ADD "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english'::regconfig, "Title"), 'A') ||
                    setweight(to_tsvector('english'::regconfig, "Summary"), 'B') ||
                    setweight(to_tsvector('english'::regconfig, "BodyText"), 'C')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Articles_SearchVector" ON "Articles" USING GIN ("SearchVector");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Articles_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN IF EXISTS "SearchVector";""");

            migrationBuilder.DropColumn(
                name: "BodyText",
                table: "Articles");
        }
    }
}
