using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gazette.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ArticlePasswords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Password",
                table: "Articles",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            // The search document (see FullTextSearch) of a password-protected article is its title
            // alone, so that its summary and body are neither found nor quoted until the password is
            // taken off. A generated column's expression cannot be altered: it is made again, which
            // computes it for every row.
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Articles_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN IF EXISTS "SearchVector";""");
            migrationBuilder.Sql("""
                ALTER TABLE "Articles" ADD "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english'::regconfig, "Title"), 'A') ||
                    setweight(to_tsvector('english'::regconfig, CASE WHEN "Password" IS NULL THEN "Summary" ELSE '' END), 'B') ||
                    setweight(to_tsvector('english'::regconfig, CASE WHEN "Password" IS NULL THEN "BodyText" ELSE '' END), 'C')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Articles_SearchVector" ON "Articles" USING GIN ("SearchVector");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Articles_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN IF EXISTS "SearchVector";""");
            migrationBuilder.DropColumn(
                name: "Password",
                table: "Articles");
            migrationBuilder.Sql("""
                ALTER TABLE "Articles" ADD "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english'::regconfig, "Title"), 'A') ||
                    setweight(to_tsvector('english'::regconfig, "Summary"), 'B') ||
                    setweight(to_tsvector('english'::regconfig, "BodyText"), 'C')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Articles_SearchVector" ON "Articles" USING GIN ("SearchVector");""");
        }
    }
}
