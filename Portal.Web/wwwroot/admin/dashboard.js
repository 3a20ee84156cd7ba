// Draws the dashboard's charts from the figures the page embeds. Without Chart.js the numbers above still say it all.
(function () {
  const data = JSON.parse(document.getElementById('dashboard-data').textContent);
  if (typeof Chart === 'undefined') return;
  const labels = data.days.map(d => d.slice(5));
  const common = {
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
  };
  new Chart(document.getElementById('followers-chart'), {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'New', data: data.newFollowers, backgroundColor: '#07c160' },
        { label: 'Lost', data: data.lostFollowers.map(n => -n), backgroundColor: '#e5534b' },
      ],
    },
    options: { ...common, scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0, callback: v => Math.abs(v) } } },
      plugins: { tooltip: { callbacks: { label: c => `${c.dataset.label}: ${Math.abs(c.raw)}` } } } },
  });
  new Chart(document.getElementById('messages-chart'), {
    type: 'line',
    data: { labels, datasets: [{ label: 'Messages', data: data.messages, borderColor: '#0b63c5', backgroundColor: 'rgba(11,99,197,.12)', fill: true, tension: .25 }] },
    options: common,
  });
})();
