# syntax=docker/dockerfile:1
# Build: docker build -t paxscreen .
# Run:   docker run -p 8000:8000 -v paxscreen-data:/app/data paxscreen
#        (PostgreSQL: -e PAXSCREEN_DATABASE_URL=postgresql://user:pass@host:5432/paxscreen)

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
# Wheels for the project and every dependency; the runtime stage installs them without a compiler.
RUN pip wheel --wheel-dir /wheels .

FROM python:3.11-slim AS runtime
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN useradd --uid 10000 --create-home --shell /usr/sbin/nologin paxscreen
COPY --from=build /wheels /wheels
RUN pip install --no-index --find-links=/wheels paxscreen && rm -rf /wheels
WORKDIR /app
# The migrations: `paxscreen serve` applies them before it starts serving.
COPY alembic.ini ./
COPY alembic ./alembic
RUN mkdir -p /app/data && chown paxscreen:paxscreen /app/data
USER paxscreen
ENV PAXSCREEN_DATABASE_URL=sqlite:////app/data/paxscreen.db \
    PAXSCREEN_RETENTION__VAULT_KEY_FILE=/app/data/paxscreen-vault.key
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz').status != 200)"
CMD ["paxscreen", "serve", "--host", "0.0.0.0", "--port", "8000"]
